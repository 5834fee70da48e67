export { orgRoutes } from './org.routes.js';
export { orgDirectory, type OrgDirectory } from './org.repo.js';
