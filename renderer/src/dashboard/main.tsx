import '../theme.css';
import { startWindow } from '../common/bootstrap.js';
import { DashboardWindow } from './DashboardWindow.js';

startWindow('dashboard', DashboardWindow);
