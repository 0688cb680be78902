export { exportRoutes, REPORTS_PATH, DATA_LICENCE } from './routes';
export { neutraliseFormula } from './csv';
export { reportPageRoute } from './report-page';
