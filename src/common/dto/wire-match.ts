/**
 * Compile-time tie between a response DTO class and the wire type it documents. `class X implements W`
 * checks the types of the fields both name; `dtoMatchesWire<X, W>(true)` fails `npm run typecheck`
 * when one side names a field the other does not, with the field names in the error, e.g.
 *   Argument of type 'boolean' is not assignable to parameter of type
 *   '{ dto_only: never; wire_only: "expected_move"; }'.
 */
type Only<A, B> = Exclude<keyof A, keyof B>;

export type KeyMismatch<Dto, Wire> = [Only<Dto, Wire> | Only<Wire, Dto>] extends [never] ? true : { dto_only: Only<Dto, Wire>; wire_only: Only<Wire, Dto> };

export function dtoMatchesWire<Dto, Wire>(same: KeyMismatch<Dto, Wire>): void {
  void same;
}
