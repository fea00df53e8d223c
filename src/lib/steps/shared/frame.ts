/** A line under a view's title that says what state the step is in, and who sees what. */
export type Notice = {
	text: string;
	/** `open`: the room can act now (green); `private`: only the facilitator sees it (yellow). */
	tone?: 'open' | 'private';
	testid?: string;
	/** Read out when it changes. */
	status?: boolean;
};

/** The projector's banner: what the room can do now (vote), in large letters. */
export type Banner = {
	text: string;
	/** `open`: a green pill; `attention`: a yellow band with an orange edge. */
	tone: 'open' | 'attention';
	testid?: string;
};
