import '../theme.css';
import './card.css';
import { startWindow } from '../common/bootstrap.js';
import { CardWindow } from './CardWindow.js';

startWindow('card', CardWindow);
