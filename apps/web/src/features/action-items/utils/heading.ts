/**
 * The panels sit at different depths: on the situation page under its h1, on the meeting screen
 * under the item's "In the room" h3. Their headings follow, so the outline has no jumps.
 */
export type HeadingLevel = 2 | 3 | 4;

export function headingTag(level: number): 'h2' | 'h3' | 'h4' | 'h5' {
  return level <= 2 ? 'h2' : level === 3 ? 'h3' : level === 4 ? 'h4' : 'h5';
}
