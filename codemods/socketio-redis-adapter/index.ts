/**
 * socketio-redis-adapter: socket.io servers without an adapter get `@socket.io/redis-adapter` on the shared
 * Redis client. ws broadcasts over local clients and module-level connection registries are reported with
 * what to do instead: they need a relay or a presence store written by hand.
 */
import type { Codemod } from '../kit/codemod.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { reportSkip } from '../kit/todo.js';
import { at } from '../kit/skip.js';
import { handRolledState } from '../kit/module-state.js';
import { guidance, socketIoServers, wsServers } from '../../src/knowledge/codemods/socketio-redis-adapter.js';
import { SocketIoRewrite } from './socket-io.js';
import { localBroadcasts } from './ws-broadcast.js';

const check = 'no-local-realtime-state';

export const socketioRedisAdapter: Codemod = {
  id: 'socketio-redis-adapter',
  title: 'socket.io servers without an adapter → @socket.io/redis-adapter on a shared Redis client',
  transform(root, j, context, report) {
    new SocketIoRewrite(root, j, context, report).run(socketIoServers);

    for (const broadcast of localBroadcasts(j, root, wsServers)) {
      reportSkip(j, report, broadcast.path, 'ws-broadcast', { name: broadcast.name, broadcastLine: at(broadcast.broadcastLine), guidance: guidance.wsBroadcast });
    }

    for (const state of handRolledState(j, root).filter((entry) => entry.check === check)) {
      reportSkip(j, report, state.path, 'realtime-registry', { name: state.name, changeLine: at(state.changeLine), guidance: guidance.registry });
    }
  },
};

export default jscodeshiftTransform(socketioRedisAdapter);
