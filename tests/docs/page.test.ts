// The built page in Debian's Chromium, opened from file:// with every outside request blocked
// (and recorded: none may be attempted): every operation of the spec is listed in the sidebar
// and opens, each shows its TypeScript sample first, and the page logs no error. Screenshots go
// to reports/docs/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromiumFlags, chromiumPath, ensureChromium } from '@codecatalyst-runs/testing/chromium'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docsDir, operations, root } from './page-samples.ts'

const pageUrl = pathToFileURL(join(docsDir, 'index.html')).href
const reports = join(root, 'reports/docs')

let context: BrowserContext
let page: Page
let userDataDir: string
/** Every request the page made, and those that were not for the page's own file. */
const requests: string[] = []
const outside: string[] = []
const problems: string[] = []

beforeAll(async () => {
  await ensureChromium()
  await mkdir(reports, { recursive: true })
  userDataDir = await mkdtemp(join(tmpdir(), 'codecatalyst-runs-docs-chromium-'))
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1400, height: 900 },
  })
  await context.route('**/*', (route) => {
    const url = route.request().url()
    requests.push(url)
    if (url.startsWith(pageUrl)) return route.continue()
    outside.push(url)
    return route.abort('blockedbyclient')
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(10_000)
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`))
  await page.goto(pageUrl, { waitUntil: 'load' })
  // Redoc has rendered when its sidebar has links to the page's sections.
  await page.locator('a[href^="#/"]').first().waitFor({ state: 'visible' })
  await page.screenshot({ path: join(reports, 'index.png') })
}, 120_000)

afterAll(async () => {
  await context?.close()
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

/** A sidebar link of an operation: Redoc names it by its summary (and adds the method). */
const sidebarLink = (summary: string) => page.locator('a[href^="#/"]', { hasText: summary }).first()

describe('the API reference page', () => {
  it('loads from file:// as one file: no other request, no error', () => {
    expect(requests.length).toBeGreaterThan(0)
    expect(outside).toEqual([])
    expect(problems).toEqual([])
  })

  it.each(operations)('lists $id, opens it and shows its TypeScript sample', async (operation) => {
    const [requestsBefore, problemsBefore] = [outside.length, problems.length]
    const link = sidebarLink(operation.summary)
    if (!(await link.isVisible())) {
      // Operations sit under their tag, folded until it is opened.
      const tag = operation.node.tags?.[0] as string
      await page.locator('a[href^="#/"]', { hasText: tag }).first().click()
    }
    await link.click()
    await page.waitForURL((url) => url.hash.toLowerCase().endsWith(operation.id.toLowerCase()))
    const heading = page.locator('h1, h2', { hasText: operation.summary })
    await heading.filter({ visible: true }).first().waitFor({ state: 'visible' })

    const sample = operation.samples[0]
    expect(sample?.label).toBe('TypeScript')
    const call = `client.${operation.id.charAt(0).toLowerCase()}${operation.id.slice(1)}(`
    const code = page.locator('pre[data-testid="source-code"]', { hasText: call })
    const shown = code.filter({ visible: true }).first()
    await shown.waitFor({ state: 'visible' })
    expect((await shown.textContent())?.trim()).toBe(sample?.source.trim())
    await shown.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(reports, `${operation.id}.png`) })
    // Nothing new while opening it: no request outside the file, no error.
    expect(outside.slice(requestsBefore)).toEqual([])
    expect(problems.slice(problemsBefore)).toEqual([])
  })
})
