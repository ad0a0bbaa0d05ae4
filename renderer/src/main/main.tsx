import '../theme.css';
import './main.css';
import { startWindow } from '../common/bootstrap.js';
import { MainWindow } from './MainWindow.js';

startWindow('main', MainWindow);
