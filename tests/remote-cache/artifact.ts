// Turbo's cache artifacts are zstd-compressed tar archives of a task's outputs. These helpers read
// one and alter one file in it while keeping it a well-formed archive: a tampered artifact that
// turbo would unpack without complaint if nothing checked its signature.
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib'

const block = 512

interface Entry {
  readonly name: string
  readonly header: Buffer
  readonly body: Buffer
}

function field(header: Buffer, offset: number, length: number): string {
  const text = header.subarray(offset, offset + length).toString('latin1')
  const end = text.indexOf('\0')
  return end === -1 ? text : text.slice(0, end)
}

function entries(tar: Buffer): Entry[] {
  const found: Entry[] = []
  for (let offset = 0; offset + block <= tar.length; ) {
    const header = tar.subarray(offset, offset + block)
    const name = field(header, 0, 100)
    if (!name) break // the end-of-archive blocks
    // POSIX ustar headers may split a long path into prefix and name; GNU ones (what turbo
    // writes) keep other fields there.
    const prefix = field(header, 257, 6) === 'ustar' ? field(header, 345, 155) : ''
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8)
    found.push({
      name: prefix ? `${prefix}/${name}` : name,
      header,
      body: tar.subarray(offset + block, offset + block + size),
    })
    offset += block + Math.ceil(size / block) * block
  }
  return found
}

/** The files in an artifact, by their path in the repo. */
export function artifactFiles(artifact: Buffer): Map<string, Buffer> {
  return new Map(
    entries(zstdDecompressSync(artifact))
      .filter((entry) => entry.header[156] === 0x30 || entry.header[156] === 0)
      .map((entry) => [entry.name, Buffer.from(entry.body)]),
  )
}

/** The same artifact with `text` appended to the file at `path`; throws if it has no such file. */
export function appendToArtifactFile(artifact: Buffer, path: string, text: string): Buffer {
  const parts: Buffer[] = []
  let changed = false
  for (const entry of entries(zstdDecompressSync(artifact))) {
    let { header, body } = entry
    if (entry.name === path) {
      body = Buffer.concat([body, Buffer.from(text)])
      header = Buffer.from(header)
      header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 12, 'latin1')
      // The checksum is the sum of the header's bytes, counting its own field as spaces.
      header.fill(' ', 148, 156)
      const sum = header.reduce((total, byte) => total + byte, 0)
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1')
      changed = true
    }
    parts.push(header, body, Buffer.alloc((block - (body.length % block)) % block))
  }
  if (!changed) throw new Error(`The artifact has no file ${path}`)
  parts.push(Buffer.alloc(2 * block))
  return zstdCompressSync(Buffer.concat(parts))
}
