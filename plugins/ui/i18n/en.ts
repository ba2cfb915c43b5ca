import { enBattle } from './en-battle.ts'
import { enDex } from './en-dex.ts'
import { enMl } from './en-ml.ts'
import { enOptimal } from './en-optimal.ts'
import type { Messages } from './fr.ts'

/** The web app's English texts (`?lang=en`). */
export const en: Messages = {
  htmlLang: 'en',
  brand: 'PredictionDex',
  skip: 'Skip to content',
  nav: {
    label: 'Main navigation',
    home: 'Home',
    predict: 'Prediction',
    pokedex: 'Pokédex',
    moves: 'Moves',
    types: 'Type chart',
    quiz: 'Type quiz',
    model: 'The model',
    credits: 'Credits',
  },
  switchTo: { label: 'Français', title: 'Lire cette page en français', lang: 'fr' },
  footer: { data: 'Data: Pokémon Showdown (gen7letsgo), PokéAPI, PokéSprite sprites', api: 'API' },
  loading: 'Working it out…',
  errors: {
    notFoundTitle: 'Page not found',
    notFound: (path) => `There is no page at “${path}”.`,
    badRequestTitle: 'Invalid request',
    serverTitle: 'Unexpected error',
    server: 'An unexpected error happened. Try again; if it persists, please report it.',
    backHome: 'Back to the home page',
    unknownFilter: (label, value, allowed) =>
      `${label}: unknown value “${value}”. Accepted values: ${allowed}.`,
    unknownType: (value, allowed) => `Unknown type: “${value}”. Accepted types: ${allowed}.`,
    unknownPokemon: (slug) => `Unknown Pokémon: “${slug}”.`,
    unknownMove: (slug) => `Unknown move: “${slug}”.`,
    noModel: 'No model loaded.',
    missingModelFile: (name) => `The served model has no file “${name}”.`,
  },
  home: {
    title: 'Home',
    lead: 'Which move should I use, and how likely am I to win? PredictionDex answers for Pokémon: Let’s Go, Pikachu! and Let’s Go, Eevee! battles, from the real battle engine.',
    predict: 'Battle prediction',
    predictText: 'which move to use, and your chance to win.',
    dex: (forms, moves) => `the ${forms} forms and ${moves} moves of Let’s Go.`,
    and: 'and',
    movesLink: 'moves',
    model: 'its measured performance, against simple rules.',
    types: (n) => `${n} types, colour-coded effectiveness and a dual-type calculator.`,
    docs: 'API documentation',
    notLoaded: 'The data is not loaded yet: run',
  },
  credits: {
    title: 'Credits',
    intro:
      'PredictionDex is a fan tool, not affiliated with Nintendo, Creatures Inc., GAME FREAK inc. or The Pokémon Company. Pokémon and Pokémon character names are trademarks of Nintendo.',
    sources: 'Data sources',
    showdown: 'battle values, learnsets and the Let’s Go battle engine (gen7letsgo mod), MIT licence.',
    pokeapi:
      'French and English names and descriptions of moves and Pokémon (snapshot committed to the repository), BSD 3-Clause licence.',
    pokemonNames: 'Pokémon names in French and English (npm package “pokemon”), MIT licence.',
    sprites:
      'Pokémon box sprites (npm package “pokesprite-images”); code under the MIT licence, images © Nintendo/Creatures Inc./GAME FREAK inc.',
    pokepedia: 'Let’s Go learnsets (optional live source), content under CC BY-SA.',
    software: 'Software',
    softwareText: 'Bun, Hono, htmx, onnxruntime-web, zod; browser tests with Playwright and axe-core.',
    texts: 'Game texts are © Nintendo, Creatures Inc., GAME FREAK inc.',
  },
  types: {
    title: 'Type chart',
    attacking: 'Attacking type',
    defending1: 'Defender: type 1',
    defending2: 'type 2 (optional)',
    none: '—',
    chooseBoth: 'Choose an attacking type and at least one defending type.',
    answer: (attacker, defenders, m, verdict) => [
      `A `,
      attacker,
      ` move against a `,
      defenders,
      ` Pokémon: ${m} (${verdict})`,
    ],
    verdicts: {
      none: 'no effect',
      super: 'super effective',
      notVery: 'not very effective',
      normal: 'normal effectiveness',
    },
    legend: ['2 super effective', '½ not very effective', '0 no effect'],
    matrixLabel: 'Type chart: rows = attacking type, columns = defending type',
    corner: 'Attack ↓ / Defence →',
  },
  quiz: {
    title: 'Type quiz',
    hint: 'Damage multiplier of a move against the defender’s type (two types: multiply).',
    prompt: ['A ', ' move against a ', ' Pokémon: effectiveness?'],
    score: (score, asked) => `Score: ${score} / ${asked}`,
    right: 'Right!',
    wrong: (answer) => `Missed: the right answer was ${answer}.`,
    tampered: 'Question or score changed: start the quiz again.',
    unknownAnswer: 'Unknown answer: choose one of the buttons.',
    unknownQuestion: 'Unknown question: start the quiz again.',
  },
  dex: enDex,
  battle: enBattle,
  optimal: enOptimal,
  ml: enMl,
}
