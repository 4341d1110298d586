import { describe, expectTypeOf, it } from 'vitest'
import type {
  GetWorkflowData,
  GetWorkflowErrors,
  GetWorkflowResponse,
  GetWorkflowRunData,
  GetWorkflowRunErrors,
  GetWorkflowRunResponse,
  ListWorkflowRunsData,
  ListWorkflowRunsErrors,
  ListWorkflowRunsResponse,
  ListWorkflowsData,
  ListWorkflowsResponse,
  StartWorkflowRunData,
  StartWorkflowRunErrors,
  StartWorkflowRunResponse,
  ThrottlingException,
  WorkflowDefinition,
  WorkflowRunMode,
  WorkflowRunStatus,
  WorkflowRunSummary,
  WorkflowStatus,
  WorkflowSummary,
} from './index.js'

describe('@codecatalyst-runs/types', () => {
  it('WorkflowRunStatus is the union of the 11 statuses of the model', () => {
    expectTypeOf<WorkflowRunStatus>().toEqualTypeOf<
      | 'SUCCEEDED'
      | 'FAILED'
      | 'STOPPED'
      | 'SUPERSEDED'
      | 'CANCELLED'
      | 'NOT_RUN'
      | 'VALIDATING'
      | 'PROVISIONING'
      | 'IN_PROGRESS'
      | 'STOPPING'
      | 'ABANDONED'
    >()
  })

  it('the response has the required and optional fields of the model', () => {
    expectTypeOf<GetWorkflowRunResponse>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
      workflowId: string
      status: WorkflowRunStatus
      statusReasons?: Array<{ [key: string]: unknown }>
      startTime: string
      endTime?: string
      lastUpdatedTime: string
    }>()
  })

  it('the request takes three required path parameters and nothing else', () => {
    expectTypeOf<GetWorkflowRunData['path']>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
    }>()
    expectTypeOf<GetWorkflowRunData['query']>().toEqualTypeOf<undefined>()
    expectTypeOf<GetWorkflowRunData['body']>().toEqualTypeOf<undefined>()
  })

  it('models the six errors by status', () => {
    expectTypeOf<keyof GetWorkflowRunErrors>().toEqualTypeOf<400 | 402 | 403 | 404 | 409 | 429>()
    expectTypeOf<GetWorkflowRunErrors[429]>().toEqualTypeOf<ThrottlingException>()
    expectTypeOf<ThrottlingException>().toEqualTypeOf<{ message: string }>()
  })

  it('ListWorkflowRuns: two path parameters, three optional query parameters, an optional body', () => {
    expectTypeOf<ListWorkflowRunsData['path']>().toEqualTypeOf<{
      spaceName: string
      projectName: string
    }>()
    expectTypeOf<NonNullable<ListWorkflowRunsData['query']>>().toEqualTypeOf<{
      workflowId?: string
      nextToken?: string
      maxResults?: number
    }>()
    expectTypeOf<NonNullable<ListWorkflowRunsData['body']>>().toEqualTypeOf<{
      sortBy?: Array<{ [key: string]: unknown }>
    }>()
    expectTypeOf<ListWorkflowRunsResponse>().toEqualTypeOf<{
      nextToken?: string
      items?: Array<WorkflowRunSummary>
    }>()
    expectTypeOf<WorkflowRunSummary>().toEqualTypeOf<{
      id: string
      workflowId: string
      workflowName: string
      status: WorkflowRunStatus
      statusReasons?: Array<{ [key: string]: unknown }>
      startTime: string
      endTime?: string
      lastUpdatedTime: string
    }>()
  })

  it('StartWorkflowRun: a required workflowId in the query and an optional clientToken', () => {
    expectTypeOf<StartWorkflowRunData['query']>().toEqualTypeOf<{ workflowId: string }>()
    expectTypeOf<NonNullable<StartWorkflowRunData['body']>>().toEqualTypeOf<{
      clientToken?: string
    }>()
    expectTypeOf<StartWorkflowRunResponse>().toEqualTypeOf<{
      spaceName: string
      projectName: string
      id: string
      workflowId: string
    }>()
  })

  it('ListWorkflows and GetWorkflow: workflows, with their own enums', () => {
    expectTypeOf<WorkflowStatus>().toEqualTypeOf<'INVALID' | 'ACTIVE'>()
    expectTypeOf<WorkflowRunMode>().toEqualTypeOf<'QUEUED' | 'PARALLEL' | 'SUPERSEDED'>()
    expectTypeOf<NonNullable<ListWorkflowsData['query']>>().toEqualTypeOf<{
      nextToken?: string
      maxResults?: number
    }>()
    expectTypeOf<ListWorkflowsResponse['items']>().toEqualTypeOf<
      Array<WorkflowSummary> | undefined
    >()
    expectTypeOf<WorkflowSummary['sourceBranchName']>().toEqualTypeOf<string>()
    expectTypeOf<GetWorkflowResponse['sourceBranchName']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<GetWorkflowResponse['definition']>().toEqualTypeOf<WorkflowDefinition>()
    expectTypeOf<GetWorkflowResponse['createdTime']>().toEqualTypeOf<string>()
    expectTypeOf<GetWorkflowData['path']>().toEqualTypeOf<GetWorkflowRunData['path']>()
  })

  it('every operation models the same six errors', () => {
    expectTypeOf<ListWorkflowRunsErrors>().toEqualTypeOf<GetWorkflowRunErrors>()
    expectTypeOf<StartWorkflowRunErrors>().toEqualTypeOf<GetWorkflowRunErrors>()
    expectTypeOf<GetWorkflowErrors>().toEqualTypeOf<GetWorkflowRunErrors>()
  })
})
