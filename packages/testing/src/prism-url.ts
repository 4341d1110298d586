// The URL of the Prism mock that prism-setup.ts started for the project this test file runs in.

import { inject } from 'vitest'
import type {} from './prism-setup.ts'

export const prismUrl: string = inject('prismUrl')
