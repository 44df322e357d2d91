/**
 * dynamodb-toolbox's side of bench/dynamodb.ts: the same note and requests, through its Entity actions, on its own items
 * (sort keys NOTE#b…).
 * Plain JavaScript, declared by dynamodb-toolbox.d.ts: the package's own declarations do not compile under this
 * project's tsconfig (exactOptionalPropertyTypes without skipLibCheck; see bench/runtime/subjects.ts).
 */
import {
  $add,
  BatchGetCommand,
  BatchGetRequest,
  Entity,
  executeBatchGet,
  executeTransactWrite,
  item,
  number,
  PutItemCommand,
  PutTransaction,
  string,
  Table,
  UpdateItemCommand,
  UpdateTransaction,
} from "dynamodb-toolbox";

/**
 * The toolbox's put, update, transaction and batchGet of the bench's note, on `documentClient` and table `name`.
 *
 * @example
 * const toolbox = toolboxCases(local.documents, Table.name, { tenantId: "t1", capsuleId: "c1" });
 * await toolbox.put(0);
 */
export function toolboxCases(documentClient, name, ids) {
  const table = new Table({
    name,
    partitionKey: { name: "PK", type: "string" },
    sortKey: { name: "SK", type: "string" },
    documentClient,
  });
  const Note = new Entity({
    name: "Note",
    table,
    timestamps: false,
    entityAttribute: { name: "entityType" },
    schema: item({
      tenantId: string().key(),
      capsuleId: string().key(),
      noteId: string().key(),
      title: string(),
      views: number(),
    }),
    computeKey: ({ tenantId, capsuleId, noteId }) => ({
      PK: `TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES`,
      SK: `NOTE#${noteId}`,
    }),
  });
  const key = (noteId) => ({ ...ids, noteId });
  return {
    put: (index) =>
      Note.build(PutItemCommand)
        .item({ ...key(`b${index}`), title: "T", views: 0 })
        .send(),
    update: (index) =>
      Note.build(UpdateItemCommand)
        .item({ ...key(`b${index}`), views: $add(1) })
        .options({ returnValues: "ALL_NEW" })
        .send(),
    transaction: (index) =>
      executeTransactWrite(
        Note.build(PutTransaction).item({ ...key(`bt${index}`), title: "T", views: 0 }),
        Note.build(UpdateTransaction).item({ ...key(`b${index}`), views: $add(1) }),
      ),
    batchGet: (indexes) =>
      executeBatchGet(
        table
          .build(BatchGetCommand)
          .requests(...indexes.map((index) => Note.build(BatchGetRequest).key(key(`b${index}`)))),
      ),
  };
}
