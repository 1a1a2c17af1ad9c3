import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { connect } from "node:net";
import { promisify } from "node:util";
import { spawnLogged, type Spawned } from "~/e2e/stack/processes";

const run = promisify(execFile);
const TEMPLATE = resolve(import.meta.dirname, "../../../../deploy/nginx/byok.conf.template");
export const NGINX_PATH = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export interface Edge {
  /** https://localhost:<port>, served by nginx with a certificate made for this run. */
  url: string;
  logDir: string;
  process: Spawned;
}

/** The repository's config with this run's values; nothing else is added but `user` when root. */
export function renderNginxConfig(values: Record<string, string>): string {
  const text = readFileSync(TEMPLATE, "utf8").replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`deploy/nginx template: no value for ${name}`);
    return value;
  });
  // Workers of a root master switch to `nobody`, who cannot write this run's directories.
  return process.getuid?.() === 0 ? `user root root;\n${text}` : text;
}

/** A self-signed certificate for localhost, made now with openssl; nothing is kept across runs. */
async function makeCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, "localhost.crt");
  const key = join(dir, "localhost.key");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  return { cert, key };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** nginx in front of the web server at `upstream`, or null when nginx is not installed. */
export async function startEdge({
  upstream,
  dir,
  port,
}: {
  upstream: string;
  dir: string;
  port: number;
}): Promise<Edge | null> {
  if (!existsSync(NGINX_PATH)) return null;
  const runDir = join(dir, "run");
  const logDir = join(dir, "logs");
  mkdirSync(runDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const { cert, key } = await makeCertificate(runDir);
  const conf = join(runDir, "nginx.conf");
  writeFileSync(
    conf,
    renderNginxConfig({
      LISTEN: `127.0.0.1:${port}`,
      SERVER_NAME: "localhost",
      CERT: cert,
      CERT_KEY: key,
      UPSTREAM: upstream,
      LOG_DIR: logDir,
      RUN_DIR: runDir,
    }),
  );
  await run(NGINX_PATH, ["-t", "-p", runDir, "-c", conf, "-e", join(logDir, "error.log")]);
  const proc = spawnLogged(
    "nginx",
    NGINX_PATH,
    ["-p", runDir, "-c", conf, "-e", join(logDir, "error.log"), "-g", "daemon off;"],
    {
      cwd: runDir,
      env: { PATH: process.env.PATH, NODE_ENV: "production" },
      logFile: join(logDir, "nginx-stdout.log"),
    },
  );
  const url = `https://localhost:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || proc.child.exitCode !== null) {
      await proc.stop();
      throw new Error(`nginx did not listen on ${port} (see ${logDir}/error.log)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, logDir, process: proc };
}
