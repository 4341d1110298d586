#!/usr/bin/env node
// codecatalyst-runs-mcp: the MCP server over stdio (default) or Streamable HTTP (--http).
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { serveStdio } from '@modelcontextprotocol/server/stdio'
import { startMcpHttpServer } from './http.js'
import { createCodeCatalystMcpServer } from './server.js'

const usage = `Usage: codecatalyst-runs-mcp [--http [--host 127.0.0.1] [--port 0]]

An MCP server for Amazon CodeCatalyst workflow runs.
  (no option)   serve over stdio, for an MCP client that starts this process
  --http        serve Streamable HTTP at http://<host>:<port>/mcp instead; every request must
                send Authorization: Bearer <CODECATALYST_MCP_SECRET>
  --host <ip>   the address to listen on (default 127.0.0.1; anything else is reachable by others)
  --port <n>    the port (default 0: a free one, printed on stderr)

Environment:
  CODECATALYST_TOKEN      a CodeCatalyst personal access token (required for every tool)
  CODECATALYST_ENDPOINT   another endpoint (default https://codecatalyst.global.api.aws)
  CODECATALYST_MCP_SECRET the bearer secret --http requires`

interface Command {
  readonly http: boolean
  readonly host: string
  readonly port: number
}

function parse(argv: readonly string[]): Command | string {
  let http = false
  let host = '127.0.0.1'
  let port = 0
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]
    const value = () => argv[++index]
    if (arg === '--http') http = true
    else if (arg === '--host') {
      const given = value()
      if (!given) return '--host needs an address'
      host = given
    } else if (arg === '--port') {
      const given = Number(value())
      if (!Number.isInteger(given) || given < 0 || given > 65535) return '--port needs 0 to 65535'
      port = given
    } else return `unknown option ${arg}`
  }
  if (!http && (host !== '127.0.0.1' || port !== 0)) return '--host and --port go with --http'
  return { http, host, port }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const command = parse(argv)
  if (typeof command === 'string') {
    process.stderr.write(`${command}\n\n${usage}\n`)
    process.exitCode = 2
    return
  }
  const log = (line: string) => process.stderr.write(`codecatalyst-runs-mcp: ${line}\n`)
  if (!process.env.CODECATALYST_TOKEN) {
    log('CODECATALYST_TOKEN is not set: every tool will answer with an error until it is.')
  }
  // One client for every server instance the SDK makes (one per HTTP request, one per stdio
  // connection): one retry budget and one adaptive rate for all the calls.
  const client = createCodeCatalystClient()
  if (!command.http) {
    const handle = serveStdio(() => createCodeCatalystMcpServer({ client }), {
      onerror: (error) => log(error.message),
    })
    const stop = () => {
      handle.close().finally(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return
  }
  const secret = process.env.CODECATALYST_MCP_SECRET ?? ''
  if (secret.length < 16) {
    process.stderr.write(
      '--http needs CODECATALYST_MCP_SECRET, a bearer secret of at least 16 characters, which every request must send.\n',
    )
    process.exitCode = 2
    return
  }
  const server = await startMcpHttpServer({
    createServer: () => createCodeCatalystMcpServer({ client, secrets: [secret] }),
    secret,
    host: command.host,
    port: command.port,
    onError: (error) => log(error.message),
  })
  log(`serving MCP at ${server.url}`)
  const stop = () => {
    server.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

await main(process.argv.slice(2))
