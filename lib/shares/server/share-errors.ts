/** The answers for a share link that is not there: the JSON routes and the reproduce route say the same as the page. */
import { AppError } from "../../errors";

export const shareNotFound = () => new AppError(404, "not_found", "There is no shared conversation at this link.");

export const shareGone = () => new AppError(410, "gone", "This shared conversation was removed by its creator or has expired.");
