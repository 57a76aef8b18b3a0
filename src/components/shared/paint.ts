/**
 * Drawing the costly part of an island one frame after the rest. No state but the value shown.
 */
import { useEffect, useState } from 'preact/hooks';

/**
 * `value` one paint late: on the first render `value` itself; after a change, the previous value until the frame
 * that shows the change has been painted, then (in a task of its own) the new one. For the part of an island that is
 * costly to redraw and read second (a ladder under the numbers it draws, the rows past the first screen of a table):
 * the frame that answers an input paints the rest without it, and it follows about one frame later. With `now`, the
 * value is returned as it is and nothing waits.
 */
export function usePaintedLater<T>(value: T, now = false): T {
  const [later, setLater] = useState(value);
  const current = now || later === value;
  // Preact runs effects in a task after the next animation frame (hooks' afterPaint: requestAnimationFrame, then
  // setTimeout), so the frame showing the change has been painted when this runs; a rAF here as well cost a second
  // frame (the ladder came 35 ms after the numbers at 1× CPU, not 17). The timer keeps the new value out of the
  // effect's own task even where effects run at once (testing-library's act()).
  useEffect(() => {
    if (current) return;
    const timer = setTimeout(() => setLater(() => value));
    return () => clearTimeout(timer);
  }, [value, current]);
  return current ? value : later;
}
