import type {
  WorkflowRunMode,
  WorkflowRunStatus,
  WorkflowRunStatusReason,
  WorkflowStatus,
} from '@codecatalyst-runs/types'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  CodeCatalystClient,
  CodeCatalystCore,
  CodeCatalystError,
  CodeCatalystServiceError,
  GetWorkflowInput,
  GetWorkflowRunInput,
  ListWorkflowRunsInput,
  ListWorkflowRunsOutput,
  ListWorkflowsInput,
  ListWorkflowsOutput,
  RequestOptions,
  StartWorkflowRunInput,
  StartWorkflowRunOutput,
  WaitOptions,
  WatchOptions,
  WatchWorkflowRunsInput,
  Workflow,
  WorkflowRun,
  WorkflowRunSummary,
  WorkflowSummary,
} from './index.js'
import { getWorkflowRun, paginateWorkflowRuns } from './index.js'

type Open<T> = T | (string & {})

describe('the public types', () => {
  it('a run summary carries every member of a WorkflowRun but its space and project (coalesced waits build one from it)', () => {
    expectTypeOf<Omit<WorkflowRunSummary, 'workflowName'>>().toEqualTypeOf<
      Omit<WorkflowRun, 'spaceName' | 'projectName'>
    >()
  })

  it('watchWorkflowRuns yields WorkflowRuns; a wait may opt out of shared polls', () => {
    expectTypeOf<CodeCatalystClient['watchWorkflowRuns']>().returns.toEqualTypeOf<
      AsyncIterable<WorkflowRun>
    >()
    expectTypeOf<WatchWorkflowRunsInput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      ids?: readonly string[]
      workflowId?: string
    }>()
    expectTypeOf<WaitOptions['coalesce']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<WatchOptions>().toEqualTypeOf<{
      pollIntervalMs?: number
      timeoutMs?: number
      signal?: AbortSignal
    }>()
  })

  it('WorkflowRun is the GetWorkflowRun response with Dates and an open status', () => {
    expectTypeOf<WorkflowRun>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
      workflowId: string
      status: Open<WorkflowRunStatus>
      statusReasons?: Array<WorkflowRunStatusReason>
      startTime: Date
      endTime?: Date
      lastUpdatedTime: Date
    }>()
  })

  it('a WorkflowRunSummary has Dates, an open status and the workflow name', () => {
    expectTypeOf<WorkflowRunSummary>().toEqualTypeOf<{
      id: string
      workflowId: string
      workflowName: string
      status: Open<WorkflowRunStatus>
      statusReasons?: Array<WorkflowRunStatusReason>
      startTime: Date
      endTime?: Date
      lastUpdatedTime: Date
    }>()
    expectTypeOf<'PAUSED'>().toExtend<WorkflowRunSummary['status']>()
  })

  it('a page always has items, and maybe a token', () => {
    expectTypeOf<ListWorkflowRunsOutput>().toEqualTypeOf<{
      nextToken?: string
      items: Array<WorkflowRunSummary>
    }>()
    expectTypeOf<ListWorkflowsOutput>().toEqualTypeOf<{
      nextToken?: string
      items: Array<WorkflowSummary>
    }>()
  })

  it('StartWorkflowRun answers with the ids of the new run', () => {
    expectTypeOf<StartWorkflowRunOutput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
      workflowId: string
    }>()
  })

  it('a Workflow and a WorkflowSummary differ on the source fields, as in the model', () => {
    expectTypeOf<Workflow['sourceBranchName']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<WorkflowSummary['sourceBranchName']>().toEqualTypeOf<string>()
    expectTypeOf<Workflow['createdTime']>().toEqualTypeOf<Date>()
    expectTypeOf<Workflow['runMode']>().toEqualTypeOf<Open<WorkflowRunMode>>()
    expectTypeOf<WorkflowSummary['status']>().toEqualTypeOf<Open<WorkflowStatus>>()
    expectTypeOf<Workflow['definition']>().toEqualTypeOf<{ path: string }>()
  })

  it('inputs have the members of the model, required where it requires them', () => {
    expectTypeOf<GetWorkflowRunInput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
    }>()
    expectTypeOf<GetWorkflowInput>().toEqualTypeOf<GetWorkflowRunInput>()
    expectTypeOf<ListWorkflowRunsInput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      workflowId?: string
      nextToken?: string
      maxResults?: number
      sortBy?: Array<{ [key: string]: unknown }>
    }>()
    expectTypeOf<StartWorkflowRunInput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      workflowId: string
      clientToken?: string
    }>()
    expectTypeOf<ListWorkflowsInput>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      nextToken?: string
      maxResults?: number
      sortBy?: Array<{ [key: string]: unknown }>
    }>()
  })

  it('the client and the operation functions take the same inputs and give the same outputs', () => {
    expectTypeOf<CodeCatalystClient['listWorkflowRuns']>().toEqualTypeOf<
      (input: ListWorkflowRunsInput, options?: RequestOptions) => Promise<ListWorkflowRunsOutput>
    >()
    expectTypeOf(getWorkflowRun).parameters.toEqualTypeOf<
      [CodeCatalystCore, GetWorkflowRunInput, RequestOptions?]
    >()
    // Only what createCodeCatalystCore made is a core; its workings are not public (@internal).
    // @ts-expect-error: a plain object is no core
    void (() => getWorkflowRun({}, { spaceName: 's', projectName: 'p', id: 'i' }))
    expectTypeOf(paginateWorkflowRuns).returns.toEqualTypeOf<AsyncIterable<WorkflowRunSummary>>()
    expectTypeOf<ReturnType<CodeCatalystClient['paginateWorkflows']>>().toEqualTypeOf<
      AsyncIterable<WorkflowSummary>
    >()
  })

  it('error fields are read-only: set once, when the error is built', () => {
    const error = {} as CodeCatalystServiceError
    // @ts-expect-error attempts is read-only
    error.attempts = 2
    // @ts-expect-error status is read-only
    error.status = 500
    // @ts-expect-error retryable is read-only
    error.retryable = true
    expectTypeOf<CodeCatalystError['attempts']>().toEqualTypeOf<number>()
  })
})
