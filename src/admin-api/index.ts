/** What the console's server side (src/console/) uses of the admin API. */
export type { WireRequest, WireResponse } from '../dialects/common/wire.js';
export { createConsoleApi, type ConsoleApi } from './console/console-api.js';
export { isConsoleApiPath } from './console/console-routes.js';
