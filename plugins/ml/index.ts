import { advisorRef } from '../../core/contracts/advisor.ts'
import { matchupsRef } from '../../core/contracts/matchups.ts'
import { optimalPlayRef } from '../../core/contracts/optimal.ts'
import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { predictorRef } from '../../core/contracts/predictor.ts'
import { simulatorRef } from '../../core/contracts/simulator.ts'
import { definePlugin } from '../../core/plugin.ts'
import { createAdvisor } from './advice/advisor.ts'
import { createSolverPool } from './advice/solver-pool.ts'
import { createBattleService } from './battle-service.ts'
import { mlConfig } from './config.ts'
import { mlMigrations } from './migrations.ts'
import { createChampionWatcher } from './model/champion-on-disk.ts'
import { renderTrainingReport } from './model/report-adapter.ts'
import { createOptimalService } from './optimal/service.ts'
import { createOptimalWorkers } from './optimal/workers.ts'
import { createPredictor } from './predictor.ts'
import { createSimulationPool } from './sim-pool.ts'
import { createSimulator } from './simulator.ts'
import { createBattleStage } from './stages/battle.ts'
import { createDatasetStage } from './stages/dataset.ts'
import { createEvaluateStage } from './stages/evaluate.ts'
import { createPromoteStage } from './stages/promote.ts'
import { createTrainStage, hasChampion } from './stages/train.ts'
import { createTruthStage } from './stages/truth.ts'
import { createVerifyOptimalStage } from './stages/verify-optimal.ts'
import { createVerifySolverStage } from './stages/verify-solver.ts'
import { createMatchupRanker } from './threats/ranker.ts'
import { createMlflowClient } from './tracking/mlflow-client.ts'
import { createRegistryMirror } from './tracking/registry-mirror.ts'

/** How often a serving process looks for a new champion (promoted by another process). */

/**
 * The ml plugin: battles on the real Let's Go engine, datasets, our GBDT, the registry, and the
 * predictor service the API and UI use.
 *
 * @example
 * bun run stage ml            # ml:dataset → ml:train (the trainer role)
 */
export const mlPlugin = definePlugin({
  name: 'ml',
  config: mlConfig,
  requires: [pokedexRef],
  provides: [predictorRef, simulatorRef, advisorRef, optimalPlayRef, matchupsRef],
  migrations: mlMigrations,
  setup(ctx) {
    const pokedex = ctx.services.get(pokedexRef)
    const battles = createBattleService(pokedex)
    const modelsDir = ctx.core.modelsDir
    const predictor = createPredictor({
      db: ctx.db,
      pokedex,
      modelsDir,
      log: ctx.log,
      metrics: ctx.metrics,
      features: () => battles.features(),
      inferenceWorker: ctx.config.inferenceWorker,
    })
    ctx.services.provide(predictorRef, predictor)
    const trackingUri = ctx.config.mlflowTrackingUri
    const mirror = trackingUri
      ? createRegistryMirror({
          db: ctx.db,
          modelsDir,
          log: ctx.log,
          client: createMlflowClient({ trackingUri, log: ctx.log }),
        })
      : undefined
    const simulator = createSimulator(battles, {
      workers: ctx.config.simWorkers,
      queue: ctx.config.simQueue,
      timeoutMs: ctx.config.simTimeoutMs,
    })
    ctx.services.provide(simulatorRef, simulator)
    const solvers = createSolverPool({
      size: ctx.config.solverWorkers,
      maxQueue: 5000,
      hardTimeoutMs: 120_000,
    })
    const samplers = createSimulationPool({
      size: 1,
      queue: 256,
      timeoutMs: 300_000,
      inThread: ctx.config.simWorkers === 0,
    })
    const advisor = createAdvisor({
      pokedex,
      predictor,
      metrics: ctx.metrics,
      log: ctx.log,
      solvers,
      sample: (task, k) => samplers.run(task, k),
      budgetMs: ctx.config.adviceBudgetMs,
      cacheSize: ctx.config.solverCacheSize,
      sampledBattles: ctx.config.sampledBattles,
    })
    ctx.services.provide(advisorRef, advisor)
    const matchups = createMatchupRanker({
      pokedex,
      predictor,
      advisor,
      modelsDir,
      inThread: !ctx.config.matchupWorker,
    })
    ctx.services.provide(matchupsRef, matchups)
    const optimalLimits = {
      maxStates: ctx.config.optimalMaxStates,
      maxCells: ctx.config.optimalMaxCells,
      timeLimitMs: ctx.config.optimalTimeLimitMs,
    }
    const optimalWorkers = createOptimalWorkers({
      maxQueue: 16,
      hardTimeoutMs: 2 * optimalLimits.timeLimitMs + 5000,
      inThread: !ctx.config.optimalWorker,
      sweepThreads: ctx.config.optimalThreads,
    })
    ctx.services.provide(
      optimalPlayRef,
      createOptimalService({
        pokedex,
        run: optimalWorkers.run,
        limits: optimalLimits,
        cacheSize: ctx.config.optimalCacheSize,
      }),
    )
    ctx.stages.add(
      createDatasetStage({
        battles,
        dataDir: ctx.core.dataDir,
        workers: ctx.config.workers,
        skipBecauseChampionExists: async () =>
          ctx.config.skipIfExists && (await hasChampion(ctx.db, modelsDir)),
      }),
      createTrainStage({
        db: ctx.db,
        battles,
        config: ctx.config,
        dataDir: ctx.core.dataDir,
        modelsDir,
        renderReport: renderTrainingReport,
        ...(mirror ? { onTracked: async (run) => void (await mirror.recordTrainedRun(run)) } : {}),
        onChampion: () => predictor.reload(),
      }),
      createEvaluateStage({ battles, dataDir: ctx.core.dataDir, modelsDir }),
      createPromoteStage({
        db: ctx.db,
        modelsDir,
        onAliasChange: () => predictor.reload(),
        ...(mirror ? { mirror } : {}),
      }),
      createBattleStage({ battles }),
      createVerifySolverStage({ workers: ctx.config.workers }),
      createVerifyOptimalStage(),
      createTruthStage({ battles, dataDir: ctx.core.dataDir, modelsDir }),
    )
    let timer: ReturnType<typeof setInterval> | undefined
    let mirroring: Promise<unknown> = Promise.resolve()
    const watcher = createChampionWatcher({
      db: ctx.db,
      modelsDir,
      log: ctx.log,
      // The session checked against the folder's trees is the one the next reload serves.
      verify: (dir) => predictor.prepare(dir),
    })
    /**
     * A champion folder new to the registry (the shipped model on a fresh database, one pulled or
     * copied in) is registered and promoted; a corrupt one is refused and the current model keeps
     * serving. MLflow is then brought in step: awaited at start when the folder was just adopted, so
     * MLflow knows it before anything else; in the background otherwise (a server never waits on
     * MLflow being down). Then the predictor serves the registry's champion.
     */
    const refresh = async (starting: boolean) => {
      const onDisk = await watcher.check()
      if (mirror && (starting || onDisk.state === 'adopted')) {
        // Chained: two syncs never interleave their alias writes (sync never throws).
        mirroring = mirroring.then(() => mirror.sync())
        if (starting && onDisk.state === 'adopted') await mirroring
      }
      await predictor.reload()
    }
    let refreshing: Promise<void> | undefined
    // only a serving process warms its workers: a stage run of the CLI never answers a request
    if (ctx.config.warmMatchups) {
      ctx.lifecycle.onServe(async () => {
        await Promise.all([
          matchups
            .warm()
            .catch((error: unknown) => ctx.log.warn('matchup worker not warmed', { error: String(error) })),
          solvers
            .warm()
            .catch((error: unknown) => ctx.log.warn('solver workers not warmed', { error: String(error) })),
        ])
      })
    }
    ctx.lifecycle.onStart(async () => {
      await refresh(true)
      timer = setInterval(() => {
        // One look at a time: a slow database or disk must not pile checks up.
        refreshing ??= refresh(false)
          .catch((error) =>
            ctx.log.error('champion check failed; the current model keeps serving', { error: String(error) }),
          )
          .finally(() => {
            refreshing = undefined
          })
      }, ctx.config.reloadIntervalMs)
      timer.unref?.()
    })
    ctx.lifecycle.onStop(async () => {
      clearInterval(timer)
      await refreshing
      await mirroring
      simulator.close()
      solvers.close()
      samplers.close()
      optimalWorkers.close()
      matchups.close()
    })
    ctx.lifecycle.readiness('model', async () =>
      predictor.loaded() ? true : 'no model loaded (train one: bun run stage ml:train)',
    )
    ctx.lifecycle.bootstrap('ml', async () => !(await hasChampion(ctx.db, modelsDir)))
  },
})
