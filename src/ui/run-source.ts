/** Where the run on screen came from: this page's run, History, a share link or stored run, or an opened results file. */
export type RunSource = 'live' | 'history' | 'link' | 'file';
