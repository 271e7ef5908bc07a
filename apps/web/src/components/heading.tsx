/**
 * A heading whose level the page chooses: a panel shared by two screens sits at different depths
 * (on the situation page under its h1, on the meeting screen under the agenda item's heading), and
 * its headings follow, so the outline has no jumps.
 */
import type { HTMLAttributes } from 'react';

export type HeadingLevel = 2 | 3 | 4;

export function Heading({
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
