// @codecatalyst-runs/mcp: an MCP server for Amazon CodeCatalyst's workflow runs, its tools
// generated from the spec and run by @codecatalyst-runs/client.

export { type McpHttpServer, type McpHttpServerOptions, startMcpHttpServer } from './http.js'
export type { JsonSchema, OperationTool } from './operation-tool.js'
export { errorMetaKey } from './results.js'
export {
  type CodeCatalystMcpServerOptions,
  createCodeCatalystMcpServer,
  serverName,
  type ToolDefinition,
  toolDefinitions,
  type WaitToolOptions,
} from './server.js'
