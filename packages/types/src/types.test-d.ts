import { describe, expectTypeOf, it } from 'vitest'
import type {
  GetWorkflowRunData,
  GetWorkflowRunErrors,
  GetWorkflowRunResponse,
  ThrottlingException,
  WorkflowRunStatus,
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
})
