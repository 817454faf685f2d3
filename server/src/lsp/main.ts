// Entry point of dist/server.js: `node dist/server.js --stdio` or `--node-ipc` (vscode-languageserver picks the transport from argv).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
startServer(connection);
