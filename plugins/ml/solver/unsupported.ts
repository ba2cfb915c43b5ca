/**
 * Thrown when a battle reaches a mechanic the solver does not model exactly (Metronome, Transform,
 * Mimic, Mirror Move, Super Fang into a Substitute, …). Callers answer such pairs by running the
 * engine instead, and say so: the solver never guesses.
 */
export class UnsupportedMechanic extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedMechanic'
  }
}
