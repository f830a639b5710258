/**
 * A local SOCKS5 server for tests (RFC 1928 CONNECT, RFC 1929 user/password when credentials
 * are set), with a log of the targets it carried. Only what socks-proxy-agent sends: IPv4 and
 * domain addresses, one method. Tests only.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LocalSocks {
  url: string;
  port: number;
  /** `host:port` per tunnel opened. */
  log: string[];
  /** Handshakes refused for wrong credentials. */
  refused: number;
  close(): Promise<void>;
}

/** Reads exactly `n` bytes from a paused socket. */
function read(socket: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tryRead = () => {
      const chunk = socket.read(n) as Buffer | null;
      if (chunk) {
        socket.off('readable', tryRead);
        socket.off('close', onClose);
        resolve(chunk);
      }
    };
    const onClose = () => reject(new Error('closed'));
    socket.on('readable', tryRead);
    socket.once('close', onClose);
    tryRead();
  });
}

async function handshake(socket: Socket, credentials: { user: string; password: string } | undefined, state: { log: string[]; refused: number }): Promise<void> {
  const [, methodCount = 0] = await read(socket, 2);
  const methods = [...(await read(socket, methodCount))];
  const wanted = credentials ? 0x02 : 0x00;
  if (!methods.includes(wanted)) return void socket.end(Buffer.from([0x05, 0xff]));
  socket.write(Buffer.from([0x05, wanted]));
  if (credentials) {
    const [, userLength = 0] = await read(socket, 2);
    const user = (await read(socket, userLength)).toString();
    const [passwordLength = 0] = await read(socket, 1);
    const password = (await read(socket, passwordLength)).toString();
    const good = user === credentials.user && password === credentials.password;
    socket.write(Buffer.from([0x01, good ? 0x00 : 0x01]));
    if (!good) {
      state.refused += 1;
      return void socket.end();
    }
  }
  const [, , , type] = await read(socket, 4);
  let host: string;
  if (type === 0x01) host = [...(await read(socket, 4))].join('.');
  else if (type === 0x03) host = (await read(socket, (await read(socket, 1))[0] ?? 0)).toString();
  else return void socket.end(Buffer.from([0x05, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
  const port = (await read(socket, 2)).readUInt16BE(0);
  state.log.push(`${host}:${port}`);
  const upstream = connect(port, host, () => {
    socket.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
    upstream.pipe(socket);
    socket.pipe(upstream);
    socket.resume();
  });
  upstream.on('error', () => socket.end(Buffer.from([0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0])));
  socket.on('error', () => upstream.destroy());
}

export async function startLocalSocks(credentials?: { user: string; password: string }): Promise<LocalSocks> {
  const state = { log: [] as string[], refused: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.pause();
    handshake(socket, credentials, state).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    port,
    get log() {
      return state.log;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
