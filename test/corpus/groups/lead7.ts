// The lead's cases from the seventh stop: Atlassian 2022's shape through the other ways an admin
// API is called — HTTPie-style clients, gRPC — and in-house scripts whose deletion mode is given
// as `--mode permanent` (a word after the option, not `=`). Each with its harmless twins.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'api-prod-3';
const WORKSTATION = 'ws-4417';
const PROD_APP = { APP_ENV: 'production' };

export const groups: CorpusGroup[] = [
  {
    name: 'lead7: admin APIs called over HTTPie-style clients and gRPC',
    cases: [
      {
        line: 'http --check-status DELETE https://admin.prod.example.com/api/tenants/88',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'http/delete-request-word',
      },
      { line: "xargs -I{} xh DELETE 'https://api.prod.example.com/v2/accounts/{}' < ids.txt", hostname: WORKSTATION, expect: 'confirm' },
      { line: 'xh DELETE :8080/api/tenants/88', hostname: WORKSTATION, expect: 'allow' },
      { line: 'http GET https://admin.prod.example.com/api/tenants/88', hostname: WORKSTATION, expect: 'allow' },
      { line: 'http -v POST https://api.prod.example.com/v1/search q=delete', hostname: WORKSTATION, expect: 'allow' },
      {
        line: 'grpcurl -H "authorization: Bearer $TOKEN" -d @ accounts.prod.example.com:443 accounts.v1.AccountAdmin/HardDeleteAccounts < ids.json',
        hostname: WORKSTATION,
        expect: 'confirm',
        rule: 'http/rpc-delete-call',
      },
      { line: 'grpcurl -plaintext localhost:50051 inventory.Inventory/PurgeExpired', hostname: PROD_HOST, expect: 'confirm', rule: 'http/rpc-delete-call' },
      { line: 'grpcurl -plaintext localhost:50051 inventory.Inventory/PurgeExpired', hostname: WORKSTATION, expect: 'allow' },
      { line: 'grpcurl accounts.prod.example.com:443 list accounts.v1.AccountAdmin', hostname: WORKSTATION, expect: 'allow' },
      { line: 'grpcurl -d \'{"id": 4}\' accounts.prod.example.com:443 accounts.v1.AccountAdmin/GetAccount', hostname: WORKSTATION, expect: 'allow' },
      {
        line: 'evans --host billing.prod.example.com -p 443 --tls -r cli call billing.v1.Billing.DeleteInvoices --file req.json',
        hostname: WORKSTATION,
        expect: 'confirm',
      },
    ],
  },
  {
    name: 'lead7: a deletion mode written as a separate word',
    cases: [
      {
        line: 'python3 tools/remove_sites.py --mode permanent --ids-file sites.csv',
        env: PROD_APP,
        hostname: PROD_HOST,
        expect: 'confirm',
        rule: 'database/hard-delete-mode',
      },
      { line: 'node scripts/delete-tenants.js --delete-mode hard --input tenants.txt', env: PROD_APP, hostname: PROD_HOST, expect: 'confirm' },
      { line: 'python3 tools/remove_sites.py --mode mark-for-deletion --ids-file sites.csv', env: PROD_APP, hostname: PROD_HOST, expect: 'allow' },
      { line: 'python3 tools/remove_sites.py --mode --permanent-log audit.log', env: PROD_APP, hostname: PROD_HOST, expect: 'allow' },
    ],
  },
];
