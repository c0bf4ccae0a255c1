// The real zmp-sdk calls, in their own chunk: loaded only inside Zalo.
// One file per API (zmp-sdk's index pulls every API in): this chunk stays a fraction of the SDK.
import type * as Sdk from "zmp-sdk";
import { getAccessToken as getAccessTokenImpl } from "zmp-sdk/apis/apis/getAccessToken.js";
import { getPhoneNumber as getPhoneNumberImpl } from "zmp-sdk/apis/apis/getPhoneNumber.js";
import { getLocation as getLocationImpl } from "zmp-sdk/apis/apis/getLocation.js";
import { openShareSheet as openShareSheetImpl } from "zmp-sdk/apis/apis/openShareSheet.js";
import { scanQRCode as scanQRCodeImpl } from "zmp-sdk/apis/apis/scanQRCode.js";
import { chooseImage as chooseImageImpl } from "zmp-sdk/apis/apis/chooseImage.js";
import { requestSendNotification as requestSendNotificationImpl } from "zmp-sdk/apis/apis/requestSendNotification.js";

const getAccessToken = getAccessTokenImpl as typeof Sdk.getAccessToken;
const getPhoneNumber = getPhoneNumberImpl as typeof Sdk.getPhoneNumber;
const getLocation = getLocationImpl as typeof Sdk.getLocation;
const openShareSheet = openShareSheetImpl as typeof Sdk.openShareSheet;
const scanQRCode = scanQRCodeImpl as typeof Sdk.scanQRCode;
const chooseImage = chooseImageImpl as typeof Sdk.chooseImage;
const requestSendNotification = requestSendNotificationImpl as typeof Sdk.requestSendNotification;
import type { Place, ShareResult } from "./index";

export async function accessToken(): Promise<string> {
  return getAccessToken();
}

export async function phoneNumberToken(): Promise<string> {
  const { token } = await getPhoneNumber();
  if (!token) throw new Error("Zalo chưa cho biết số điện thoại. Hãy cho phép rồi thử lại.");
  return token;
}

export async function place(): Promise<Place | null> {
  try {
    // Older Zalo versions still answer the position itself; newer ones only a token for a server exchange, which
    // Province does not do yet: then the citizen picks the place on the map.
    const answer = await getLocation();
    const latitude = Number(answer.latitude), longitude = Number(answer.longitude);
    return Number.isFinite(latitude) && Number.isFinite(longitude) && answer.latitude ? { latitude, longitude } : null;
  } catch {
    return null;
  }
}

export async function share(title: string, text: string, url: string): Promise<ShareResult> {
  try {
    await openShareSheet({ type: "link", data: { link: url, chatOnly: false, title, description: text } } as Parameters<typeof openShareSheet>[0]);
    return "shared";
  } catch {
    return "cancelled";
  }
}

export async function scanQr(): Promise<string | null> {
  try {
    return (await scanQRCode()).content || null;
  } catch {
    return null;
  }
}

export async function pickImages(count: number): Promise<File[] | null> {
  const { filePaths } = await chooseImage({ count, sourceType: ["camera", "album"]});
  return Promise.all(
    filePaths.map(async (path, index) => {
      const blob = await (await fetch(path)).blob();
      return new File([blob], `anh-${index + 1}.jpg`, { type: blob.type || "image/jpeg" });
    }),
  );
}

/** True when the citizen allowed the province's Official Account to message them. */
export async function askForMessages(): Promise<boolean> {
  try {
    await requestSendNotification();
    return true;
  } catch {
    // The citizen said no: the in-app inbox still has every message.
    return false;
  }
}
