"""boto3 (Debian python3-boto3) through versioning, delete markers, tagging, object lock and
GetObjectAttributes. Prints one JSON line per step for the node test to check."""
import datetime
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


def step(name, **facts):
    print(json.dumps({"step": name, **facts}, default=str), flush=True)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


bucket = "boto3-versions"
s3.create_bucket(Bucket=bucket)
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
step("versioning", status=s3.get_bucket_versioning(Bucket=bucket).get("Status"))
v1 = s3.put_object(Bucket=bucket, Key="k", Body=b"one")["VersionId"]
v2 = s3.put_object(Bucket=bucket, Key="k", Body=b"two")["VersionId"]
marker = s3.delete_object(Bucket=bucket, Key="k")
listing = s3.list_object_versions(Bucket=bucket)
step(
    "listing",
    versions=[[v["VersionId"], v["IsLatest"]] for v in listing.get("Versions", [])],
    markers=[[m["VersionId"], m["IsLatest"]] for m in listing.get("DeleteMarkers", [])],
    v1=v1,
    v2=v2,
    marker=[marker.get("DeleteMarker"), marker.get("VersionId")],
)
step("get-after-delete", error=error_of(lambda: s3.get_object(Bucket=bucket, Key="k")))
step("get-v1", body=s3.get_object(Bucket=bucket, Key="k", VersionId=v1)["Body"].read().decode())
s3.delete_object(Bucket=bucket, Key="k", VersionId=marker["VersionId"])
step("get-after-undelete", body=s3.get_object(Bucket=bucket, Key="k")["Body"].read().decode())

s3.put_object_tagging(Bucket=bucket, Key="k", VersionId=v1, Tagging={"TagSet": [{"Key": "a", "Value": "1"}]})
step("tags-v1", tags=s3.get_object_tagging(Bucket=bucket, Key="k", VersionId=v1)["TagSet"])
eleven = [{"Key": "k%d" % i, "Value": "v"} for i in range(11)]
step("too-many-tags", error=error_of(lambda: s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": eleven})))
long_key = [{"Key": "k" * 129, "Value": "v"}]
step("long-tag-key", error=error_of(lambda: s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": long_key})))
attrs = s3.get_object_attributes(Bucket=bucket, Key="k", VersionId=v1, ObjectAttributes=["ETag", "ObjectSize"])
step("attributes", size=attrs.get("ObjectSize"), etag=attrs.get("ETag"), version=attrs.get("VersionId"))

locked = "boto3-locked"
s3.create_bucket(Bucket=locked, ObjectLockEnabledForBucket=True)
until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
lv = s3.put_object(
    Bucket=locked, Key="l", Body=b"keep", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until
)["VersionId"]
step("locked-delete", error=error_of(lambda: s3.delete_object(Bucket=locked, Key="l", VersionId=lv)))
step("retention", mode=s3.get_object_retention(Bucket=locked, Key="l", VersionId=lv)["Retention"]["Mode"])
bypass = s3.delete_object(Bucket=locked, Key="l", VersionId=lv, BypassGovernanceRetention=True)
step("bypass", status=bypass["ResponseMetadata"]["HTTPStatusCode"], version=bypass.get("VersionId"), lv=lv)
step("after-bypass", versions=len(s3.list_object_versions(Bucket=locked).get("Versions", [])))
sys.exit(0)
