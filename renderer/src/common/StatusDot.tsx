/** A small coloured dot; the meaning is always also given as text next to it. */
export function StatusDot({ tone }: { tone: 'ok' | 'warn' | 'bad' | 'busy' | 'idle' }) {
  return <span className={`dot dot--${tone}`} aria-hidden="true" />;
}
