// `pnpm dev`: the server restarting on change, and the h5 app rebuilding on change into the folder
// the server serves, so development also happens on one port.
import { installWorkspace, pnpmOrExit } from './bootstrap.mjs';

installWorkspace();
pnpmOrExit(['--parallel', '--filter', '@xinfang/server', '--filter', '@xinfang/miniapp', 'dev']);
