// Test support: a small spec, written here and not read from the repo's, that has one of each
// shape the generator supports. A test changes a copy of it to make the case it is about.
import { parseSpec, type SpecNode } from './spec-reader.ts'

const yaml = `
openapi: 3.1.0
info: { title: Small, version: '1' }
servers:
  - url: https://things.example.test
paths:
  /v1/things/{id}:
    get:
      operationId: GetThing
      summary: Returns a thing.
      x-smithy-readonly: true
      parameters:
        - name: id
          in: path
          required: true
          description: The thing's ID.
          schema: { type: string, minLength: 1, maxLength: 64, pattern: '^[a-z]+$' }
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/GetThingResponse' }
        '404': { $ref: '#/components/responses/NotFound' }
  /v1/things:
    get:
      operationId: ListThings
      summary: Lists the things.
      x-smithy-readonly: true
      x-smithy-paginated: { inputToken: nextToken, outputToken: nextToken, pageSize: maxResults, items: items }
      parameters:
        - name: maxResults
          in: query
          schema: { type: integer, minimum: 1, maximum: 50 }
        - name: nextToken
          in: query
          schema: { type: string, maxLength: 10 }
      responses:
        '200':
          description: A page of things.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/ListThingsResponse' }
        '429': { $ref: '#/components/responses/Throttled' }
    put:
      operationId: PutThing
      summary: Puts a thing.
      x-smithy-idempotent: true
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/PutThingRequest' }
      responses:
        '200':
          description: The thing's ID.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/PutThingResponse' }
        '404': { $ref: '#/components/responses/NotFound' }
components:
  responses:
    NotFound:
      description: No such thing.
      headers:
        x-amzn-errortype: { schema: { type: string }, example: ResourceNotFoundException }
      content:
        application/json:
          schema: { $ref: '#/components/schemas/ResourceNotFoundException' }
    Throttled:
      description: Too many requests.
      headers:
        x-amzn-errortype: { schema: { type: string }, example: ThrottlingException }
      content:
        application/json:
          schema: { $ref: '#/components/schemas/ThrottlingException' }
  schemas:
    Status:
      type: string
      enum: [ACTIVE, RETIRED]
    Tag:
      type: object
    Part:
      type: object
      required: [name]
      properties:
        name: { type: string }
        madeAt: { type: string, format: date-time }
    GetThingResponse:
      type: object
      required: [id, createdAt]
      properties:
        id: { type: string, description: The thing's ID. }
        createdAt: { type: string, format: date-time }
        status: { $ref: '#/components/schemas/Status' }
        note: { type: string }
        parts:
          type: array
          items: { $ref: '#/components/schemas/Part' }
        labels:
          type: array
          items: { type: string }
    ThingSummary:
      type: object
      required: [id]
      properties:
        id: { type: string }
        size: { type: integer }
    ListThingsResponse:
      type: object
      properties:
        items:
          type: array
          items: { $ref: '#/components/schemas/ThingSummary' }
        nextToken: { type: string }
    PutThingRequest:
      type: object
      required: [name]
      properties:
        name: { type: string, minLength: 3 }
        clientToken: { type: string, maxLength: 64, x-smithy-idempotency-token: true }
        tags:
          type: array
          maxItems: 10
          items: { $ref: '#/components/schemas/Tag' }
    PutThingResponse:
      type: object
      required: [id]
      properties:
        id: { type: string }
    ResourceNotFoundException:
      type: object
      description: The thing does not exist.
      properties:
        message: { type: string }
    ThrottlingException:
      type: object
      description: Too many requests.
      x-smithy-retryable: true
      properties:
        message: { type: string }
`

/** A fresh copy of the small spec, changed by `change` if given. */
export function smallSpec(change?: (spec: SpecNode) => void): SpecNode {
  const spec = parseSpec(yaml)
  change?.(spec)
  return spec
}

/** The paths of the small spec's operations. */
export const thingPath = '/v1/things/{id}'
export const thingsPath = '/v1/things'
