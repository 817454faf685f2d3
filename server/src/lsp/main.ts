// Entry point of dist/server.js: `node dist/server.js --stdio` or `--node-ipc` (vscode-languageserver picks the transport from argv).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// yaml's lexer reads process.env.LOG_TOKENS per token; a plain object is much cheaper to read than the env proxy.
process.env = { ...process.env };

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
startServer(connection);
