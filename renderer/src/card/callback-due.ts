/** When a call back set from the card is due: a few presets, or a time the operator types. */
export type DueChoice = '15m' | '1h' | '3h' | 'tomorrow' | 'custom';
export const DUE_CHOICES: readonly DueChoice[] = ['15m', '1h', '3h', 'tomorrow', 'custom'];

const MINUTE = 60_000;
/** "Tomorrow" means the next working morning's start. */
const TOMORROW_HOUR = 10;

/** Epoch ms, or undefined when a custom time is empty or not a date (`custom` is a datetime-local value). */
export function dueAtOf(choice: DueChoice, now: number, custom: string): number | undefined {
  switch (choice) {
    case '15m':
      return now + 15 * MINUTE;
    case '1h':
      return now + 60 * MINUTE;
    case '3h':
      return now + 180 * MINUTE;
    case 'tomorrow': {
      const d = new Date(now);
      d.setDate(d.getDate() + 1);
      d.setHours(TOMORROW_HOUR, 0, 0, 0);
      return d.getTime();
    }
    case 'custom': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(custom)) return undefined;
      const at = new Date(custom).getTime(); // local time, as the input shows it
      return Number.isNaN(at) ? undefined : at;
    }
  }
}

/** A datetime-local value for an instant, in local time (the custom input's starting value). */
export function localInputValue(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
