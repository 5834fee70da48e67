export { identityRoutes } from './identity.routes.js';
