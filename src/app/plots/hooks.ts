/**
 * React glue for RunData. Hot numbers (sample counts, the header summary) are written straight to
 * the DOM once per frame, never through React state; React re-renders only when a snapshot that
 * changes rarely (the layout, "has data", the memory note) changes.
 */
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { RunData } from './runData';

/** A value derived from RunData that re-renders only when it changes (compared with ===). */
export function useRunDataValue<T>(data: RunData, read: (data: RunData) => T): T {
  const readRef = useRef(read);
  readRef.current = read;
  return useSyncExternalStore(
    (onChange) => data.subscribe(onChange),
    () => readRef.current(data),
  );
}

/** Calls `onFrame` now and in every frame in which the run data changed. */
export function useRunDataFrame(data: RunData, onFrame: (data: RunData) => void): void {
  const ref = useRef(onFrame);
  ref.current = onFrame;
  useEffect(() => {
    ref.current(data);
    return data.subscribe((d) => ref.current(d));
  }, [data]);
}

/** Keeps `data-points` on `el` equal to `count(data)`, for tests waiting on real data. */
export function usePointsAttribute(el: RefObject<HTMLElement | null>, data: RunData, count: (data: RunData) => number): void {
  useRunDataFrame(data, (d) => {
    if (el.current) el.current.dataset.points = String(count(d));
  });
}
