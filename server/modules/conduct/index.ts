export { conductRoutes } from './conduct.routes.js';
export { fileObservation, linkOfficer, recordFinding } from './conduct.service.js';
