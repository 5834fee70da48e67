export { orgRoutes } from './org.routes.js';
export { orgDirectory, type OrgDirectory } from './org.repo.js';
export * as orgAdmin from './org.admin.repo.js';
