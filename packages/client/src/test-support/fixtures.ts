export const validRun = {
  spaceName: 'my-space',
  projectName: 'my-project',
  id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
  workflowId: '5b7e3c21-94d8-4f0a-b1c6-8e2f7a9d3c40',
  status: 'SUCCEEDED',
  statusReasons: [{}],
  startTime: '2026-11-02T09:15:04.512Z',
  endTime: '2026-11-02T09:21:47.093Z',
  lastUpdatedTime: '2026-11-02T09:21:47.093+01:00',
}

export const validInput = {
  spaceName: validRun.spaceName,
  projectName: validRun.projectName,
  id: validRun.id,
}
