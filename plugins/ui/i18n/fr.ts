/**
 * The web app's French texts (the default language). `en.ts` has the same shape: the `Messages`
 * type makes a missing English text a type error.
 */
import { frBattle } from './fr-battle.ts'
import { frDex } from './fr-dex.ts'
import { frMl } from './fr-ml.ts'
import { frOptimal } from './fr-optimal.ts'

export const fr = {
  htmlLang: 'fr',
  brand: 'PredictionDex',
  skip: 'Aller au contenu',
  nav: {
    label: 'Navigation principale',
    home: 'Accueil',
    predict: 'Prédiction',
    pokedex: 'Pokédex',
    moves: 'Capacités',
    types: 'Table des types',
    quiz: 'Quiz des types',
    model: 'Le modèle',
    credits: 'Crédits',
  },
  switchTo: { label: 'English', title: 'Read this page in English', lang: 'en' },
  footer: { data: 'Données : Pokémon Showdown (gen7letsgo), PokéAPI, sprites PokéSprite', api: 'API' },
  loading: 'Calcul en cours…',
  errors: {
    notFoundTitle: 'Page introuvable',
    notFound: (path: string) => `Aucune page à l’adresse « ${path} ».`,
    badRequestTitle: 'Requête invalide',
    serverTitle: 'Erreur inattendue',
    server: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, signalez-la.',
    backHome: 'Retour à l’accueil',
    unknownFilter: (label: string, value: string, allowed: string) =>
      `${label} : valeur inconnue « ${value} ». Valeurs acceptées : ${allowed}.`,
    unknownType: (value: string, allowed: string) =>
      `Type inconnu : « ${value} ». Types acceptés : ${allowed}.`,
    unknownPokemon: (slug: string) => `Pokémon inconnu : « ${slug} ».`,
    unknownMove: (slug: string) => `Capacité inconnue : « ${slug} ».`,
    noModel: 'Aucun modèle chargé.',
    missingModelFile: (name: string) => `Le modèle servi n’a pas de fichier « ${name} ».`,
  },
  home: {
    title: 'Accueil',
    lead: 'Quelle attaque choisir, et avec quelle chance de gagner ? PredictionDex répond pour les combats de Pokémon : Let’s Go, Pikachu et Let’s Go, Évoli, à partir du vrai moteur de combat.',
    predict: 'Prédiction de combat',
    predictText: 'quelle attaque choisir, avec quelle chance de gagner.',
    dex: (forms: number, moves: number) => `les ${forms} formes et ${moves} capacités de Let’s Go.`,
    and: 'et',
    movesLink: 'capacités',
    model: 'ses performances mesurées, face aux règles simples.',
    types: (n: number) => `${n} types, efficacités en couleur et calculateur double type.`,
    docs: 'Documentation de l’API',
    notLoaded: 'Les données ne sont pas encore chargées : lancez',
  },
  credits: {
    title: 'Crédits',
    intro:
      'PredictionDex est un outil de fans, sans lien avec Nintendo, Creatures Inc., GAME FREAK inc. ni The Pokémon Company. Pokémon et les noms des Pokémon sont des marques de Nintendo.',
    sources: 'Sources des données',
    showdown:
      'valeurs de combat, apprentissages et moteur de combat de Let’s Go (mod gen7letsgo), licence MIT.',
    pokeapi:
      'noms et descriptions français et anglais des capacités et des Pokémon (instantané intégré au dépôt), licence BSD 3-Clause.',
    pokemonNames: 'noms des Pokémon en français et en anglais (paquet npm « pokemon »), licence MIT.',
    sprites:
      'miniatures des Pokémon (paquet npm « pokesprite-images ») ; code sous licence MIT, images © Nintendo/Creatures Inc./GAME FREAK inc.',
    pokepedia: 'apprentissages Let’s Go (source en ligne facultative), contenu sous licence CC BY-SA.',
    software: 'Logiciels',
    softwareText: 'Bun, Hono, htmx, onnxruntime-web, zod ; tests navigateur avec Playwright et axe-core.',
    texts: 'Les textes des jeux sont © Nintendo, Creatures Inc., GAME FREAK inc.',
  },
  types: {
    title: 'Table des types',
    attacking: 'Type de l’attaque',
    defending1: 'Défenseur : type 1',
    defending2: 'type 2 (facultatif)',
    none: '—',
    chooseBoth: 'Choisissez un type d’attaque et au moins un type de défenseur.',
    answer: (attacker: string, defenders: string, m: string, verdict: string) => [
      `Une attaque `,
      attacker,
      ` contre un Pokémon `,
      defenders,
      ` : ${m} (${verdict})`,
    ],
    verdicts: {
      none: 'aucun effet',
      super: 'super efficace',
      notVery: 'pas très efficace',
      normal: 'efficacité normale',
    },
    legend: ['2 super efficace', '½ pas très efficace', '0 aucun effet'],
    matrixLabel: 'Table des types : lignes = type de l’attaque, colonnes = type du défenseur',
    corner: 'Attaque ↓ / Défense →',
  },
  quiz: {
    title: 'Quiz des types',
    hint: 'Multiplicateur de dégâts d’une attaque selon le type du défenseur (deux types : on multiplie).',
    prompt: ['Une attaque ', ' contre un Pokémon ', ' : efficacité ?'],
    score: (score: number, asked: number) => `Score : ${score} / ${asked}`,
    right: 'Bonne réponse !',
    wrong: (answer: string) => `Raté : la bonne réponse était ${answer}.`,
    tampered: 'Question ou score modifié : recommencez le quiz.',
    unknownAnswer: 'Réponse inconnue : choisissez un des boutons.',
    unknownQuestion: 'Question inconnue : recommencez le quiz.',
  },
  dex: frDex,
  battle: frBattle,
  optimal: frOptimal,
  ml: frMl,
}

export type Messages = typeof fr
