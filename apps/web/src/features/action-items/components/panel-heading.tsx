/**
 * The panels sit at different depths: on the situation page under its h1, on the meeting screen
 * under the item's "In the room" h3. Their headings follow, so the outline has no jumps.
 */
import type { HTMLAttributes } from 'react';

export type HeadingLevel = 2 | 3 | 4;

export function PanelHeading({
  level,
  ...props
}: { level: number } & HTMLAttributes<HTMLHeadingElement>) {
  switch (level) {
    case 2:
      return <h2 {...props} />;
    case 3:
      return <h3 {...props} />;
    case 4:
      return <h4 {...props} />;
    default:
      return <h5 {...props} />;
  }
}
