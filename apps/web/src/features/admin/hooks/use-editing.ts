/**
 * Changing one item of a list in a panel that takes the place of the add form (agencies, codes).
 * Focus goes to the panel's heading when it opens, so keyboard and screen reader users start at
 * the form rather than at the button they pressed further down; when the panel closes, saved or
 * cancelled, it returns to the list's heading, a fixed point just above the rows they came from.
 * Both headings take the refs returned here and tabIndex={-1}.
 */
import { useRef, useState } from 'react';

export function useEditing<Item>() {
  const [editing, setEditing] = useState<Item | null>(null);
  const editHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // Focus moves on the next frame, once the panel has rendered (or gone).
  function startEditing(item: Item) {
    setEditing(item);
    requestAnimationFrame(() => editHeading.current?.focus());
  }

  function stopEditing() {
    setEditing(null);
    requestAnimationFrame(() => listHeading.current?.focus());
  }

  return { editing, startEditing, stopEditing, editHeading, listHeading };
}
