"""Header and signature edge cases from ceph/s3-tests test_headers.py (SigV2 `*_aws2`) and presigned
expiry, reproduced with boto3. Usage: header_edges.py ENDPOINT ACCESS_KEY SECRET_KEY; prints `RESULTS {json}`."""
import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

endpoint, access_key, secret_key = sys.argv[1:4]


def client(signature_version):
    return boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key,
                        config=Config(signature_version=signature_version, retries={'max_attempts': 0}))


def outcome(fn):
    try:
        fn()
        return 'ok'
    except ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code']]


def with_headers(c, operation, headers):
    c.meta.events.register('before-call.s3.' + operation, lambda **kw: kw['params']['headers'].update(headers))
    return c


r = {}
v2 = client('s3')
r['v2_create_bucket'] = outcome(lambda: v2.create_bucket(Bucket='header-edges'))
r['v2_put'] = outcome(lambda: v2.put_object(Bucket='header-edges', Key='foo', Body=b'bar'))
epoch = {'x-amz-date': 'Tue, 07 Jul 1950 21:53:04 GMT'}
r['v2_date_before_epoch_put'] = outcome(
    lambda: with_headers(client('s3'), 'PutObject', epoch).put_object(Bucket='header-edges', Key='x', Body=b'bar'))
r['v2_date_before_epoch_bucket'] = outcome(
    lambda: with_headers(client('s3'), 'CreateBucket', epoch).create_bucket(Bucket='header-edges-epoch'))
r['v2_length_below_body'] = outcome(
    lambda: with_headers(client('s3'), 'PutObject', {'Content-Length': '2'}).put_object(
        Bucket='header-edges', Key='short', Body=b'bar'))
r['empty_expect_put'] = outcome(
    lambda: with_headers(client('s3v4'), 'PutObject', {'Expect': ''}).put_object(Bucket='header-edges', Key='e', Body=b'bar'))
r['empty_expect_bucket'] = outcome(
    lambda: with_headers(client('s3v4'), 'CreateBucket', {'Expect': ''}).create_bucket(Bucket='header-edges-expect'))

for version in ['s3', 's3v4']:
    c = with_headers(client(version), 'PutObject', {'x-amz-meta-meta1': 'Hello World\xe9'})
    key = 'unicode-' + version
    r['unicode_put_' + version] = outcome(lambda: c.put_object(Bucket='header-edges', Key=key, Body=b'bar'))
    got = client('s3v4').get_object(Bucket='header-edges', Key=key)['Metadata'].get('meta1', '')
    # http.client reads header bytes as latin-1: undo that to see the bytes the server sent back.
    r['unicode_get_' + version] = got.encode('latin-1').decode('utf-8')

credentials = Credentials(access_key, secret_key)


def presigned(method, expires, body=None):
    request = AWSRequest(method=method, url=endpoint + '/header-edges/foo')
    S3SigV4QueryAuth(credentials, 's3', 'us-east-1', expires=expires).add_auth(request)
    try:
        with urllib.request.urlopen(urllib.request.Request(request.url, data=body, method=method)) as res:
            return res.status
    except urllib.error.HTTPError as e:
        return e.code


r['presigned_week_plus'] = presigned('GET', 609901)
r['presigned_zero'] = presigned('GET', 0)
r['presigned_negative'] = presigned('GET', -7)
r['presigned_put_expired'] = presigned('PUT', -1000, b'foo')
r['presigned_valid'] = presigned('GET', 100)
print('RESULTS ' + json.dumps(r))
