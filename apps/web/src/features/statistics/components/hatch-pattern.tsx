/**
 * The hatching that marks a suppressed count in every chart of the page: one SVG pattern,
 * referenced by id from the charts' own SVGs (a pattern is shared across the document).
 */
export const HATCH_ID = 'stats-suppressed-hatch';
export const HATCH_FILL = `url(#${HATCH_ID})`;
/** Bars and the heat maps' scale: #0066cc is 5.6:1 on white (non-text contrast needs 3:1). */
export const BAR_COLOUR = '#0066cc';
export const LINE_COLOUR = '#a34700';

export function HatchPattern() {
  return (
    <svg className="stats-hatch-defs" aria-hidden="true" focusable="false" width="0" height="0">
      <defs>
        <pattern
          id={HATCH_ID}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4d4d4d" strokeWidth="3" />
        </pattern>
      </defs>
    </svg>
  );
}

/** The legend's sample of the hatching, beside the words that explain it. */
export function HatchSwatch() {
  return (
    <svg className="stats-swatch" aria-hidden="true" focusable="false" viewBox="0 0 16 16">
      <rect width="16" height="16" fill={HATCH_FILL} stroke="#4d4d4d" />
    </svg>
  );
}
