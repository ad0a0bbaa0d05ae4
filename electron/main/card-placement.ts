import type { Display, Rectangle, Screen } from 'electron';
import type { CardSize } from '../core/ports.js';

export type CardCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
/** The primary monitor, the one under the mouse pointer when the phone rings, or a monitor by index (0: the first). */
export type CardDisplay = 'primary' | 'cursor' | number;

export interface CardPlacement {
  display: CardDisplay;
  corner: CardCorner;
  size: CardSize;
}

export const DEFAULT_CARD_PLACEMENT: CardPlacement = { display: 'primary', corner: 'bottom-right', size: 'expanded' };

export const CARD_SIZES: Record<CardSize, { width: number; height: number }> = {
  compact: { width: 380, height: 240 },
  expanded: { width: 420, height: 560 },
};
export const CARD_MARGIN = 16;

/** The card in a corner of the work area (never under the taskbar), like a notification; it never leaves a small screen. */
export function cardBounds(workArea: Rectangle, corner: CardCorner = 'bottom-right', size: CardSize = 'expanded'): Rectangle {
  const { width, height } = CARD_SIZES[size];
  const left = corner.endsWith('left');
  const top = corner.startsWith('top');
  return {
    width,
    height,
    x: workArea.x + (left ? Math.min(CARD_MARGIN, Math.max(0, workArea.width - width)) : Math.max(0, workArea.width - width - CARD_MARGIN)),
    y: workArea.y + (top ? Math.min(CARD_MARGIN, Math.max(0, workArea.height - height)) : Math.max(0, workArea.height - height - CARD_MARGIN)),
  };
}

/** A new size for a card on screen: the corner it was placed in stays put, and it stays on its monitor. */
export function resizedCardBounds(current: Rectangle, corner: CardCorner, size: CardSize, workArea: Rectangle): Rectangle {
  const { width, height } = CARD_SIZES[size];
  const x = corner.endsWith('left') ? current.x : current.x + current.width - width;
  const y = corner.startsWith('top') ? current.y : current.y + current.height - height;
  const clamp = (v: number, min: number, span: number, length: number) => Math.max(min, Math.min(v, min + Math.max(0, span - length)));
  return { width, height, x: clamp(x, workArea.x, workArea.width, width), y: clamp(y, workArea.y, workArea.height, height) };
}

type DisplayScreen = Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays' | 'getCursorScreenPoint' | 'getDisplayNearestPoint'>;

/** The monitor for the card; `missing` when the configured index is not connected (the primary one is used). */
export function cardDisplay(screen: DisplayScreen, display: CardDisplay): { display: Display; missing?: true } {
  if (display === 'primary') return { display: screen.getPrimaryDisplay() };
  if (display === 'cursor') return { display: screen.getDisplayNearestPoint(screen.getCursorScreenPoint()) };
  const chosen = screen.getAllDisplays()[display];
  return chosen ? { display: chosen } : { display: screen.getPrimaryDisplay(), missing: true };
}
