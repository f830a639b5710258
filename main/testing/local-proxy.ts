/**
 * A local forward proxy for tests: HTTP CONNECT tunnels (https targets) and absolute-URI
 * requests (http targets), optional Basic authentication (407 when the credentials are wrong),
 * and a log of every hop it carried, which is how a test proves traffic went through it.
 * Tests only.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface LocalProxy {
  url: string;
  port: number;
  /** `CONNECT host:port` (or `GET http://…` for an absolute-URI request) per request that passed authentication. */
  log: string[];
  /** Requests refused with 407. */
  refused: number;
  close(): Promise<void>;
}

export interface LocalProxyOptions {
  /** When set, Proxy-Authorization must carry exactly these. */
  credentials?: { user: string; password: string };
}

function authorized(request: IncomingMessage, options: LocalProxyOptions): boolean {
  if (!options.credentials) return true;
  const expected = `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
  return request.headers['proxy-authorization'] === expected;
}

export async function startLocalProxy(options: LocalProxyOptions = {}): Promise<LocalProxy> {
  const sockets = new Set<Socket>();
  const proxy: Omit<LocalProxy, 'url' | 'port' | 'close'> = { log: [], refused: 0 };

  const server: Server = createServer((request, response) => {
    if (!authorized(request, options)) {
      proxy.refused += 1;
      response.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    proxy.log.push(`${request.method} ${request.url}`);
    const target = new URL(request.url ?? '');
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    if (!authorized(request, options)) {
      proxy.refused += 1;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    proxy.log.push(`CONNECT ${request.url}`);
    const [host = '', port = '443'] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    get log() {
      return proxy.log;
    },
    get refused() {
      return proxy.refused;
    },
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
