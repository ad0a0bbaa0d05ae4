import type { CallView } from '../../../shared/contract/schemas.js';

const ARROWS: Record<CallView['direction'], string> = { inbound: '↙', outbound: '↗', internal: '↔' };

/** Decorative arrow; pair it with the direction's text (visible or .sr-only). */
export function DirectionIcon({ direction, missed = false }: { direction: CallView['direction']; missed?: boolean }) {
  return (
    <span className={`direction-icon direction-icon--${direction}${missed ? ' direction-icon--missed' : ''}`} aria-hidden="true">
      {ARROWS[direction]}
    </span>
  );
}
