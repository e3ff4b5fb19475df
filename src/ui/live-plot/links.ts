/** A plot in a link group: told the x range and the pointer of the others. */
export interface LinkMember {
  /** Another plot's x range after a zoom or pan by the user; null: it follows its data again. */
  linkedRange(x: readonly [number, number] | null): void;
  /** The data x another plot's pointer is at; undefined: the pointer left it. */
  linkedPointer(x: number | undefined): void;
}

/** The plots of each `link` name on the page. */
const groups = new Map<string, Set<LinkMember>>();

export function joinLink(name: string, member: LinkMember): void {
  let group = groups.get(name);
  if (!group) groups.set(name, (group = new Set()));
  group.add(member);
}

export function leaveLink(name: string, member: LinkMember): void {
  const group = groups.get(name);
  group?.delete(member);
  if (group?.size === 0) groups.delete(name);
}

/** Tells the other plots of `name` what `from` did. */
export function tellLink(name: string | undefined, from: LinkMember, tell: (member: LinkMember) => void): void {
  if (!name) return;
  for (const member of groups.get(name) ?? []) if (member !== from) tell(member);
}
