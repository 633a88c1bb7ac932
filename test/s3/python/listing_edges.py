"""Listing edge cases as boto3 sees them (it asks for encoding-type=url and decodes what S3 encodes).
Usage: listing_edges.py ENDPOINT ACCESS_KEY SECRET_KEY; prints `RESULTS {json}`."""
import json
import sys

import boto3

endpoint, access_key, secret_key = sys.argv[1:4]
s3 = boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1',
                  aws_access_key_id=access_key, aws_secret_access_key=secret_key)
bucket = 'listing-edges'
s3.create_bucket(Bucket=bucket)
for key in ['foo/bar', 'foo/baz', 'quux', 'new\nline']:
    s3.put_object(Bucket=bucket, Key=key, Body=b'x')

r = {}
v1 = s3.list_objects(Bucket=bucket, Prefix='\x0a')
r['v1_newline_prefix'] = {'Prefix': v1['Prefix'], 'keys': [o['Key'] for o in v1.get('Contents', [])],
                          'prefixes': v1.get('CommonPrefixes', [])}
v1 = s3.list_objects(Bucket=bucket, Prefix='new\n')
r['v1_newline_key'] = {'Prefix': v1['Prefix'], 'keys': [o['Key'] for o in v1.get('Contents', [])]}
v2 = s3.list_objects_v2(Bucket=bucket, Prefix='new\n')
r['v2_newline_key'] = {'Prefix': v2['Prefix'], 'keys': [o['Key'] for o in v2.get('Contents', [])]}
for name, call in [('v1_max_keys_zero', lambda: s3.list_objects(Bucket=bucket, MaxKeys=0)),
                   ('v2_max_keys_zero', lambda: s3.list_objects_v2(Bucket=bucket, MaxKeys=0))]:
    res = call()
    r[name] = {'IsTruncated': res['IsTruncated'], 'keys': [o['Key'] for o in res.get('Contents', [])]}
v2 = s3.list_objects_v2(Bucket=bucket, ContinuationToken='')
r['v2_empty_token'] = {'ContinuationToken': v2.get('ContinuationToken'), 'IsTruncated': v2['IsTruncated'],
                       'keys': [o['Key'] for o in v2.get('Contents', [])]}
print('RESULTS ' + json.dumps(r))
