/** Textes français de la partie « jeu optimal » du prédicteur (`pages/predict-optimal.tsx`). */
export const frOptimal = {
  title: 'Jeu optimal : choisir à chaque tour',
  lead: 'À chaque tour, les deux Pokémon choisissent en même temps en connaissant les PV restants. Voici le meilleur choix à chaque instant si l’adversaire joue lui aussi parfaitement — calculé exactement, sans simulation.',
  loading: 'Calcul du jeu optimal…',
  show: 'Afficher le jeu optimal',
  value: 'Vos chances de gagner si les deux camps jouent parfaitement',
  now: 'À utiliser maintenant',
  theirs: 'Le meilleur choix adverse',
  mixed:
    'Choix mixte : variez au hasard avec ces probabilités, pour que l’adversaire ne puisse pas vous lire.',
  gain: (pct: string, move: string) =>
    `+${pct} par rapport à la meilleure capacité unique (${move} à chaque tour, face à un adversaire qui choisit à chaque tour).`,
  noGain: (move: string) =>
    `Autant que la meilleure capacité unique (${move} à chaque tour) : changer n’aide pas ici.`,
  chartTitle: (a: string, b: string) => `Capacité à utiliser selon les PV de ${a} et de ${b}`,
  chartDesc:
    'Chaque case est une paire (vos PV, PV adverses), colorée selon la capacité à utiliser (gris : impossible dans ce combat) ; le point marque la situation actuelle.',
  axisTheirs: (name: string) => `PV de ${name} →`,
  axisMine: (name: string) => `PV de ${name} ↑`,
  legendMixed: 'choix mixte',
  legendUnreachable:
    'impossible dans ce combat depuis les PV pleins (le formulaire en cours de combat répond pour tous les PV)',
  legendLost: 'perdu quoi que vous jouiez (l’adversaire a une attaque qui vous empêche de gagner)',
  struggle: 'Lutte',
  recharge: 'recharge',
  share: (pct: string) => `${pct} des situations`,
  form: {
    legend: 'En plein combat : que faire maintenant ?',
    hpa: (name: string) => `PV de ${name}`,
    hpb: (name: string) => `PV de ${name}`,
    of: (hp: number, max: number) => `${hp} / ${max}`,
    submit: 'Que faire maintenant ?',
    at: (hpa: string, hpb: string) => `Situation : vos PV ${hpa}, PV adverses ${hpb}.`,
  },
  states: (states: string, cells: string, ms: string) =>
    `${states} états de combat, ${cells} situations (état × PV) évaluées en ${ms} ms.`,
  tooBig:
    'Ce combat a trop d’états possibles pour un calcul exact dans le temps imparti (limite atteinte). Retirez une capacité de statut ou réessayez avec moins de capacités.',
  unsupported:
    'Une de ces capacités n’est pas modélisée en jeu optimal (Métronome, Copie, Mimique, Morphing, Encore).',
}
