// Loaded with `node --import` by the CLI tests only: asks the Prism mock for a given response
// (`Prefer: code=404`, `Prefer: example=failed`) without the CLI knowing about Prism.
const prefer = process.env.TEST_PRISM_PREFER
const originalFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const request = new Request(input, init)
  if (prefer) request.headers.set('Prefer', prefer)
  return originalFetch(request)
}
