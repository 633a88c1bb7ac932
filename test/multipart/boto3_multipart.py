"""boto3 (Debian python3-boto3) walking an S3 multipart upload through create, two parts, list, abort,
abort again and complete-after-abort. Prints one JSON line per step for the node test to check."""
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client(
    "s3",
    endpoint_url=os.environ["CAIRN_URL"],
    region_name="us-east-1",
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
)
bucket = "boto3-multipart"


def step(name, **facts):
    print(json.dumps({"step": name, **facts}), flush=True)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


s3.create_bucket(Bucket=bucket)
created = s3.create_multipart_upload(Bucket=bucket, Key="two-parts.bin")
upload_id = created["UploadId"]
step("create", uploadId=upload_id)
etags = []
for number, body in ((1, b"a" * (5 * 1024 * 1024)), (2, b"tail")):
    part = s3.upload_part(Bucket=bucket, Key="two-parts.bin", UploadId=upload_id, PartNumber=number, Body=body)
    etags.append(part["ETag"])
step("parts", etags=etags)
listed = s3.list_multipart_uploads(Bucket=bucket)
step("list", uploads=[[u["Key"], u["UploadId"]] for u in listed.get("Uploads", [])])
aborted = s3.abort_multipart_upload(Bucket=bucket, Key="two-parts.bin", UploadId=upload_id)
step("abort", status=aborted["ResponseMetadata"]["HTTPStatusCode"])
again = s3.abort_multipart_upload(Bucket=bucket, Key="two-parts.bin", UploadId=upload_id)
step("abort-again", status=again["ResponseMetadata"]["HTTPStatusCode"])
late = error_of(
    lambda: s3.complete_multipart_upload(
        Bucket=bucket,
        Key="two-parts.bin",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": i + 1, "ETag": e} for i, e in enumerate(etags)]},
    )
)
step("complete-after-abort", error=late)
upload_after = error_of(lambda: s3.upload_part(Bucket=bucket, Key="two-parts.bin", UploadId=upload_id, PartNumber=3, Body=b"x"))
step("upload-after-abort", error=upload_after)
listed = s3.list_multipart_uploads(Bucket=bucket)
step("list-after", uploads=[[u["Key"], u["UploadId"]] for u in listed.get("Uploads", [])])
sys.exit(0)
