"""The seed document's example (boto3 Glacier.Client.abort_multipart_upload) and its stated rules, run
against a Cairn server. Prints the example's response as the example does, then one line
`RESULTS {json}` with what every other step saw. Usage: seed_abort.py ENDPOINT ACCESS_KEY SECRET_KEY"""
import json
import sys
import urllib.error
import urllib.request

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError, ParamValidationError
from botocore.utils import calculate_tree_hash

endpoint, access_key, secret_key = sys.argv[1:4]
client = boto3.client(
    'glacier',
    endpoint_url=endpoint,
    region_name='us-east-1',
    aws_access_key_id=access_key,
    aws_secret_access_key=secret_key,
)
results = {'boto3': boto3.__version__, 'botocore': botocore.__version__}
MiB = 1024 * 1024


def step(name, fn):
    try:
        results[name] = {'ok': True, 'value': fn()}
    except ClientError as e:
        results[name] = {
            'ok': False,
            'code': e.response['Error']['Code'],
            'message': e.response['Error'].get('Message'),
            'status': e.response['ResponseMetadata']['HTTPStatusCode'],
            'modeled': isinstance(e, getattr(client.exceptions, e.response['Error']['Code'], ())),
        }
    except ParamValidationError as e:
        results[name] = {'ok': False, 'class': 'ParamValidationError', 'message': str(e)}


def new_upload():
    upload_id = client.initiate_multipart_upload(vaultName='my-vault', partSize=str(MiB))['uploadId']
    client.upload_multipart_part(vaultName='my-vault', uploadId=upload_id, range='bytes 0-%d/*' % (MiB - 1), body=b'a' * MiB)
    return upload_id


def raw(method, path, headers):
    """A request botocore signs but does not validate: what a client without the SDK's checks sends."""
    request = AWSRequest(method=method, url=endpoint + path, headers=headers)
    SigV4Auth(Credentials(access_key, secret_key), 'glacier', 'us-east-1').add_auth(request)
    prepared = request.prepare()
    try:
        with urllib.request.urlopen(urllib.request.Request(prepared.url, method=method, headers=dict(prepared.headers))) as r:
            return {'status': r.status, 'body': r.read().decode()}
    except urllib.error.HTTPError as e:
        return {'status': e.code, 'body': json.loads(e.read().decode())}


location = client.create_vault(vaultName='my-vault')['location']
upload_id = new_upload()

# The seed's example, with the id of a real upload:
response = client.abort_multipart_upload(
    accountId='-',
    uploadId=upload_id,
    vaultName='my-vault',
)
print(response)

results['example'] = {'status': response['ResponseMetadata']['HTTPStatusCode'], 'keys': sorted(response)}
step('abort_again', lambda: client.abort_multipart_upload(accountId='-', uploadId=upload_id, vaultName='my-vault')['ResponseMetadata']['HTTPStatusCode'])
step('upload_after_abort', lambda: client.upload_multipart_part(
    vaultName='my-vault', uploadId=upload_id, range='bytes 0-%d/*' % (MiB - 1), body=b'b' * MiB))
step('complete_after_abort', lambda: client.complete_multipart_upload(
    vaultName='my-vault', uploadId=upload_id, archiveSize=str(MiB), checksum=calculate_tree_hash(__import__('io').BytesIO(b'a' * MiB))))
listed = client.list_multipart_uploads(vaultName='my-vault')['UploadsList']
results['listed_after_abort'] = [u['MultipartUploadId'] for u in listed]

completed_id = new_upload()
archive = client.complete_multipart_upload(
    vaultName='my-vault', uploadId=completed_id, archiveSize=str(MiB),
    checksum=calculate_tree_hash(__import__('io').BytesIO(b'a' * MiB)))
results['completed'] = {'archiveId': archive['archiveId'], 'checksum': archive['checksum'], 'location': archive['location']}
step('abort_after_complete', lambda: client.abort_multipart_upload(accountId='-', uploadId=completed_id, vaultName='my-vault'))
client.delete_archive(vaultName='my-vault', archiveId=archive['archiveId'])

step('missing_vault_name_client_side', lambda: client.abort_multipart_upload(accountId='-', uploadId=completed_id))
results['missing_vault_name_raw'] = raw('DELETE', '/-/vaults//multipart-uploads/' + completed_id, {'x-amz-glacier-version': '2012-06-01'})
results['missing_api_version_raw'] = raw('GET', '/-/vaults/my-vault', {})

account_id = location.split('/')[1]
results['account_id'] = account_id
step('own_account_id', lambda: [v['VaultName'] for v in client.list_vaults(accountId=account_id)['VaultList']])
step('other_account_id', lambda: client.list_vaults(accountId='111122223333'))
step('unknown_upload', lambda: client.abort_multipart_upload(vaultName='my-vault', uploadId='nosuchupload'))
step('unknown_vault', lambda: client.abort_multipart_upload(vaultName='no-such-vault', uploadId=completed_id))

print('RESULTS ' + json.dumps(results))
